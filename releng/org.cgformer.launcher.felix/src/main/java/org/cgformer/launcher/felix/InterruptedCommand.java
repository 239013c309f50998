package org.cgformer.launcher.felix;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ends the process at once when SIGINT, SIGTERM or SIGHUP arrives while a command runs, without the C++ static
 * destructors of {@code exit()}.
 *
 * <p>Why: the JVM's own handling of these signals runs the shutdown hooks and then {@code exit()} on another thread,
 * after waiting at most about 300 ms for threads in native code. The command runs on thread "main" and may be inside a
 * libtorch call (a large attention or training step takes longer than that on a loaded machine). {@code exit()} destroys
 * libtorch's static objects (device-hook registries among them) while that call goes on, and its next tensor
 * allocation reads them: libtorch 2.7.1 calls {@code at::accelerator::getAccelerator} on every CPU allocation
 * ({@code GetCPUAllocatorMaybePinned}), which is where such a run died with SIGSEGV instead of stopping. {@code _exit}
 * (Java 22+ foreign-function API) skips those destructors; where it is not available, {@code Runtime.halt}.
 *
 * <p>Outside a command (start-up, framework shutdown) the JVM's default handling applies. The exit code is the shell's
 * convention, 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM).
 */
final class InterruptedCommand implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM", "HUP"};

    /** Set by the first signal: from then on the process ends in the handler, whatever the command does. */
    private static volatile boolean stopping;

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private InterruptedCommand() {
    }

    /** Installs the handlers until {@link #close()}; a signal the platform does not know is skipped. */
    static InterruptedCommand guard() {
        InterruptedCommand guard = new InterruptedCommand();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                guard.previous.add(Signal.handle(signal, InterruptedCommand::stop));
                guard.signals.add(signal);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not on this platform, or reserved by the JVM (-Xrs): keep the default
            }
        }
        return guard;
    }

    /**
     * Restores the previous handlers (the JVM's): from here on a signal runs the normal shutdown. When a signal has
     * already been taken, the command may have returned because of it (its input closed): this thread then waits for
     * the handler to end the process instead of going on to a normal exit with the command's code.
     */
    @Override
    public void close() {
        while (stopping) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // keep waiting: the handler ends the process
            }
        }
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }

    private static void stop(Signal signal) {
        stopping = true;
        int code = 128 + signal.getNumber();
        System.out.flush();
        System.err.println("cgformer: stopped by SIG" + signal.getName() + " (exit code " + code + ")");
        System.err.flush();
        exitWithoutDestructors(code);
    }

    static void exitWithoutDestructors(int code) {
        try {
            exitHandle().invokeWithArguments(code);
        } catch (Throwable e) {
            // no foreign-function API (Java 21) or native access denied
        }
        Runtime.getRuntime().halt(code);
    }

    /**
     * {@code void _exit(int)} of the C library through {@code java.lang.foreign}, reflectively: the launcher is compiled
     * for Java 21, where that API is a preview.
     */
    private static MethodHandle exitHandle() throws ReflectiveOperationException {
        Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
        Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class).invoke(lookup,
                "_exit");
        if (symbol.isEmpty()) {
            throw new NoSuchMethodException("_exit not found in the C library");
        }
        Object[] arguments = (Object[]) Array.newInstance(layoutClass, 1);
        arguments[0] = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
        Object descriptor = descriptorClass.getMethod("ofVoid", arguments.getClass()).invoke(null, (Object) arguments);
        Object options = Array.newInstance(optionClass, 0);
        return (MethodHandle) linkerClass.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"), descriptorClass,
                options.getClass()).invoke(linker, symbol.get(), descriptor, options);
    }
}

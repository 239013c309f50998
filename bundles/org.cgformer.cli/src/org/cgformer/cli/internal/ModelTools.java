package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.ml.api.TrainingProgress;
import org.cgformer.ml.training.FoldResult;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the model commands share: the training service, the installed readers, terminal progress and result tables. */
final class ModelTools {

    final TrainingService service;
    final List<StructureReader> readers;

    ModelTools(TrainingService service, List<StructureReader> readers) {
        this.service = service;
        this.readers = readers;
    }

    /** Log lines, featurization progress every 10 % and one line per epoch on {@code err}. */
    static TrainingMonitor monitor(PrintWriter err) {
        return new TrainingMonitor() {
            private int lastDecile = -1;

            @Override
            public void message(String line) {
                err.println(line);
                err.flush();
            }

            @Override
            public synchronized void work(String task, int done, int total, double etaSeconds) {
                int decile = done * 10 / Math.max(1, total);
                if (decile != lastDecile && total >= 50) {
                    lastDecile = decile;
                    err.printf(Locale.ROOT, "  %s %d/%d  ETA %s%n", task, done, total, eta(etaSeconds));
                    err.flush();
                }
            }

            @Override
            public void progress(String task, TrainingProgress p) {
                if (p.endOfEpoch()) {
                    err.printf(Locale.ROOT, "  %s epoch %d/%d  loss %.4f  val MAE %s  best %d  %.0f structures/s  ETA %s%n", task, p.epoch(),
                            p.epochs(), p.trainLoss(), Double.isNaN(p.validationMae()) ? "-" : String.format(Locale.ROOT, "%.4g",
                                    p.validationMae()), p.bestEpoch(), p.structuresPerSecond(), eta(p.etaSeconds()));
                    err.flush();
                }
            }
        };
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60) : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** {@code --set KEY=VALUE} values as JSON numbers, booleans or strings. */
    static ObjectNode hyperParameters(Map<String, String> values) {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        if (values != null) {
            values.forEach((k, v) -> {
                try {
                    hp.put(k, Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    try {
                        hp.put(k, Double.parseDouble(v));
                    } catch (NumberFormatException e2) {
                        if (v.equals("true") || v.equals("false")) {
                            hp.put(k, Boolean.parseBoolean(v));
                        } else {
                            hp.put(k, v);
                        }
                    }
                }
            });
        }
        return hp;
    }

    /** The result lines of {@code train} and {@code finetune}. */
    static void print(PrintWriter out, TrainingResult result) {
        if (!result.crossValidated()) {
            FoldResult r = result.folds().get(0);
            out.printf(Locale.ROOT, "%s model in %s: validation MAE %.4g, RMSE %.4g, R2 %.3f on %d structures%n", result.model(),
                    result.output(), r.metrics().mae(), r.metrics().rmse(), r.metrics().r2(), r.metrics().count());
            return;
        }
        for (FoldResult r : result.folds()) {
            out.printf(Locale.ROOT, "%-8s MAE %.4g  RMSE %.4g  R2 %.3f  (%d test)%s%n", r.name(), r.metrics().mae(), r.metrics().rmse(),
                    r.metrics().r2(), r.metrics().count(), r.reused() ? "  (finished earlier)" : "");
        }
        double[] ms = result.meanStd(org.cgformer.ml.api.Metrics::mae);
        out.printf(Locale.ROOT, "%s, %d folds: MAE %.4g +- %.2g; models and metrics.json in %s%n", result.model(), result.folds().size(),
                ms[0], ms[1], result.output());
        if (result.finalModel() != null) {
            out.printf(Locale.ROOT, "final model on all data in %s (validation MAE %.4g)%n", result.finalModel().folder(),
                    result.finalModel().metrics().mae());
        }
    }
}

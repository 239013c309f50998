package org.cgformer.core.distributed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One index range {@code [from, to)} of a partitioned job's items (candidates in enumeration order, files of a
 * dataset), and the name of the file its result goes to.
 *
 * @param index the partition's place among the job's partitions, from 0
 * @param from  first item, inclusive
 * @param to    last item, exclusive
 */
public record Partition(int index, long from, long to) {

    public Partition {
        if (index < 0 || from < 0 || to <= from) {
            throw new IllegalArgumentException("a partition needs index >= 0 and 0 <= from < to, not " + index + ", [" + from + ", " + to + ")");
        }
    }

    /** Items in the partition. */
    public long size() {
        return to - from;
    }

    /** The partition's result file name in the job's result folder, e.g. {@code part-00003-000300-000400.csv}. */
    public String fileName() {
        return String.format(Locale.ROOT, "part-%05d-%06d-%06d.csv", index, from, to);
    }

    /** The partitions of {@code all} without a result file in {@code resultFolder}: what a run still has to do. */
    public static List<Partition> unfinished(List<Partition> all, Path resultFolder) {
        return all.stream().filter(p -> !Files.isRegularFile(resultFolder.resolve(p.fileName()))).toList();
    }

    /**
     * {@code items} split into {@code count} contiguous ranges whose sizes differ by at most one (fewer when there are
     * fewer items); none for no items.
     */
    public static List<Partition> split(long items, int count) {
        if (items < 0 || count < 1) {
            throw new IllegalArgumentException("cannot split " + items + " items into " + count + " partitions");
        }
        int parts = (int) Math.min(count, items);
        List<Partition> partitions = new ArrayList<>(parts);
        long from = 0;
        for (int i = 0; i < parts; i++) {
            long to = from + items / parts + (i < items % parts ? 1 : 0);
            partitions.add(new Partition(i, from, to));
            from = to;
        }
        return partitions;
    }
}

package org.cgformer.cli.internal;

import java.util.List;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes the BVSE commands: {@code bvse}, {@code dataset bvse}, {@code bench bvse} and the workers'
 * {@code dataset-bvse-partition}. One DS
 * component per command (see OSGI-INF), sharing this class: the component property
 * {@code command} says which.
 */
public class BvseCommandContributions extends StructureCommandContribution {

    private volatile BvseCalculator calculator;
    private volatile DatasetLabeller labeller;

    public void setCalculator(BvseCalculator calculator) {
        this.calculator = calculator;
    }

    /** Bound only in the {@code dataset bvse} and {@code dataset-bvse-partition} components. */
    public void setLabeller(DatasetLabeller labeller) {
        this.labeller = labeller;
    }

    @Override
    public String groupDescription() {
        return name().equals("dataset bvse") ? "Build labelled datasets in CGCNN's layout (folder of CIFs + id_prop.csv)."
                : super.groupDescription();
    }

    @Override
    public Object newCommand() {
        List<StructureReader> snapshot = readers();
        return switch (name()) {
            case "dataset bvse" -> new DatasetBvseCommand(labeller);
            case "dataset-bvse-partition" -> new DatasetBvsePartitionCommand(labeller);
            case "bench bvse" -> new BenchBvseCommand(calculator, snapshot);
            default -> new BvseCommand(calculator, snapshot);
        };
    }
}

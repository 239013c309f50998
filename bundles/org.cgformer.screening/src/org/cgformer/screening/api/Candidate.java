package org.cgformer.screening.api;

import java.util.List;

/**
 * One screened candidate, a row of {@code candidates.csv}. Predictions are NaN when absent (failed candidate,
 * no stability model); {@code rank} is 0 for a failed candidate.
 *
 * @param id                   {@code c<rank in the enumeration>}, as {@code cgformer design}
 * @param formula              formula unit with the charge-balanced Na content
 * @param dopants              "El:fraction" of the cations on the substituted site, host element first when kept
 * @param naPerFormula         mobile ions per formula unit
 * @param cluster              cluster number (1..groups), 0 when not clustered (--all: not a funnel survivor)
 * @param ebEv                 predicted migration barrier, mean over the ensemble (eV)
 * @param ebStdEv              its spread (standard deviation over the ensemble; 0 for one model)
 * @param deltaEbEv            Eb minus the same models' Eb of the undoped parent (e.g. Na3Zr2Si2PO12), eV; NaN when the
 *                             parent could not be predicted
 * @param ehullMevAtom         predicted energy above hull, mean (meV/atom)
 * @param ehullStdMevAtom      its spread
 * @param score                ranking score (see {@link ScreeningOptions#scoreDefinition()})
 * @param pareto               on the Eb-Ehull Pareto front (both minimised)
 * @param shortlist            in the shortlist
 * @param conductivitySPerCm   conductivity (S/cm) from a {@link Calibration} at its temperature; NaN without one
 * @param structure            generated CIF, relative to the report folder; empty when generation failed
 * @param message              why the candidate failed; empty when ok
 */
public record Candidate(int rank, String id, String formula, List<String> dopants, double naPerFormula, int cluster, double ebEv,
        double ebStdEv, double deltaEbEv, double ehullMevAtom, double ehullStdMevAtom, double score, boolean pareto, boolean shortlist,
        double conductivitySPerCm, String structure, String message) {

    public boolean ok() {
        return message == null || message.isEmpty();
    }

    public Candidate withRanking(int newRank, double newScore, boolean onFront, boolean listed, double delta, double conductivity) {
        return new Candidate(newRank, id, formula, dopants, naPerFormula, cluster, ebEv, ebStdEv, delta, ehullMevAtom, ehullStdMevAtom,
                newScore, onFront, listed, conductivity, structure, message);
    }

    /**
     * This candidate with {@code file} as its structure (relative to the report folder; empty for none).
     *
     * @since 4.1
     */
    public Candidate withStructure(String file) {
        return new Candidate(rank, id, formula, dopants, naPerFormula, cluster, ebEv, ebStdEv, deltaEbEv, ehullMevAtom, ehullStdMevAtom,
                score, pareto, shortlist, conductivitySPerCm, file, message);
    }
}

package org.cgformer.screening.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a screening run produced.
 *
 * @param reportFolder    the report folder (candidates.csv, shortlist.csv, summary.json, plots/, index.html)
 * @param candidates      every candidate, in rank order (failed ones last)
 * @param resumedStages   stages whose output of an earlier run was reused
 * @param stageSeconds    seconds per stage, as measured when the stage ran (earlier run for resumed stages)
 * @param skill           the ranking's skill against the oracle, one line per predictor, or a line saying it is
 *                        unmeasured (the run did not validate)
 */
public record ScreeningResult(Path reportFolder, List<Candidate> candidates, List<String> resumedStages,
        Map<String, Double> stageSeconds, List<String> skill) {

    public long failed() {
        return candidates.stream().filter(c -> !c.ok()).count();
    }

    public List<Candidate> shortlist() {
        return candidates.stream().filter(Candidate::shortlist).toList();
    }
}

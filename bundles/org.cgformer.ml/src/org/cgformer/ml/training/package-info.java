/**
 * The training service: installed property models, labelled datasets featurized through the installed
 * readers and featurizers (with an optional graph cache), hold-out training, k-fold and Matbench
 * cross-validation with metrics and parity files, fine-tuning, resuming, and fold ensembles for prediction.
 * Used by the command line, the screening pipeline and the workbench alike.
 */
package org.cgformer.ml.training;

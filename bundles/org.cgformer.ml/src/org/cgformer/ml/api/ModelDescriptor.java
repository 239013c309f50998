package org.cgformer.ml.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON descriptor {@value #FILE} next to a model's parameters: what model and featurizer made it,
 * its hyper-parameters, the target normalisation, the parameters file and its SHA-256, and metrics.
 * Loading compares it with the installed model and featurizer and refuses what does not match.
 *
 * @param format descriptor format, {@value #FORMAT}
 * @param model model name, e.g. cgcnn
 * @param modelVersion version of the model's architecture
 * @param featurizer featurizer name
 * @param featurizerVersion featurizer version
 * @param nodeFeatures F of the featurizer's graphs
 * @param edgeFeatures E of the featurizer's graphs
 * @param hyperParameters architecture hyper-parameters
 * @param normalizer target normalisation
 * @param parametersFile file of the parameters, relative to the folder
 * @param parametersSha256 its SHA-256 (hex)
 * @param metrics free-form figures (validation MAE, epochs, data hash…)
 */
public record ModelDescriptor(int format, String model, String modelVersion, String featurizer, String featurizerVersion,
        int nodeFeatures, int edgeFeatures, ObjectNode hyperParameters, Normalizer normalizer, String parametersFile,
        String parametersSha256, Map<String, Object> metrics) {

    public static final String FILE = "model.json";
    /**
     * Key in {@link #metrics()} of a fine-tuned model's parent: an object with {@code path}, {@code model},
     * {@code modelVersion}, {@code parametersSha256} (and {@code member}, the fold model used).
     */
    public static final String PARENT = "parent";
    public static final int FORMAT = 1;
    /**
     * Key in {@link #metrics()} of the structure recipe of the training data: the JSON object of the dataset folder's
     * {@value #RECIPE_FILE} (how its compositions became structures; read by screening, docs/screening.md).
     *
     * @since 1.2
     */
    public static final String RECIPE = "recipe";
    /**
     * File of a dataset folder with its structure recipe, written by the commands that make structures.
     *
     * @since 1.2
     */
    public static final String RECIPE_FILE = "recipe.json";

    /**
     * Key in {@link #metrics()} of how the training targets were labelled: the JSON object of the dataset folder's
     * {@value #LABELS_FILE} (e.g. the BVSE settings and the decorations averaged per label of {@code cgformer design
     * label}; {@code cgformer bench screen} times its oracle with them).
     *
     * @since 1.4
     */
    public static final String LABELS = "labels";
    /**
     * File of a dataset folder saying how its labels were made, written by the commands that label ({@code dataset bvse},
     * {@code dataset ehull}, {@code design label}).
     *
     * @since 1.4
     */
    public static final String LABELS_FILE = "dataset.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelDescriptor {
        metrics = metrics == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metrics);
    }

    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        MAPPER.writeValue(folder.resolve(FILE).toFile(), this);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads {@code folder/model.json}.
     *
     * @throws ModelFileException when it is missing, not JSON, of another format or lacks a field
     */
    public static ModelDescriptor read(Path folder) throws ModelFileException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(folder + " is not a model folder: it has no " + FILE);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ModelFileException(file + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + " (" + e + ")", e);
        }
        if (node == null || !node.isObject()) {
            throw new ModelFileException(file + " is not a JSON object");
        }
        int format = node.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new ModelFileException(file + " has descriptor format " + node.path("format") + "; this version reads format " + FORMAT);
        }
        for (String field : new String[] {"model", "modelVersion", "featurizer", "featurizerVersion", "nodeFeatures", "edgeFeatures",
                "hyperParameters", "normalizer", "parametersFile", "parametersSha256"}) {
            if (node.path(field).isMissingNode() || node.path(field).isNull()) {
                throw new ModelFileException(file + " lacks the field \"" + field + "\"");
            }
        }
        try {
            return MAPPER.treeToValue(node, ModelDescriptor.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(file + " has an invalid field (" + e.getMessage() + ")", e);
        }
    }

    /** The parent a fine-tuned model started from ({@link #PARENT}), or null for a model trained from scratch. */
    @JsonIgnore
    public Map<String, Object> parent() {
        return objectMetric(PARENT);
    }

    /** The structure recipe of the training data ({@link #RECIPE}) as a JSON object, or null when none was recorded. */
    @JsonIgnore
    public Map<String, Object> recipe() {
        return objectMetric(RECIPE);
    }

    /**
     * The structure recipe of a dataset folder ({@value #RECIPE_FILE}) as a JSON object, or null when it has none.
     *
     * @throws IOException when the file is there but not a JSON object
     * @since 1.2
     */
    public static Map<String, Object> recipeOf(Path datasetFolder) throws IOException {
        return objectOf(datasetFolder, RECIPE_FILE);
    }

    /** How the training targets were labelled ({@link #LABELS}) as a JSON object, or null when none was recorded. @since 1.4 */
    @JsonIgnore
    public Map<String, Object> labels() {
        return objectMetric(LABELS);
    }

    /** The JSON object recorded under {@code key} in the metrics, or null when there is none. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> objectMetric(String key) {
        return metrics.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /**
     * How the labels of a dataset folder were made ({@value #LABELS_FILE}) as a JSON object, or null when it has none.
     *
     * @throws IOException when the file is there but not a JSON object
     * @since 1.4
     */
    public static Map<String, Object> labelsOf(Path datasetFolder) throws IOException {
        return objectOf(datasetFolder, LABELS_FILE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOf(Path datasetFolder, String name) throws IOException {
        Path file = datasetFolder == null ? null : datasetFolder.resolve(name);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        JsonNode node = MAPPER.readTree(file.toFile());
        if (node == null || !node.isObject()) {
            throw new IOException(file + " is not a JSON object");
        }
        return MAPPER.convertValue(node, LinkedHashMap.class);
    }

    /** A number from {@link #metrics()}, or NaN when absent or not a number. */
    @JsonIgnore
    public double metric(String key) {
        return metrics.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A copy with {@code key} set in the metrics. */
    public ModelDescriptor withMetric(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(metrics);
        copy.put(key, value);
        return new ModelDescriptor(format, model, modelVersion, featurizer, featurizerVersion, nodeFeatures, edgeFeatures,
                hyperParameters, normalizer, parametersFile, parametersSha256, copy);
    }

    /** A copy naming another parameters file and checksum. */
    public ModelDescriptor withParameters(String file, String sha256) {
        return new ModelDescriptor(format, model, modelVersion, featurizer, featurizerVersion, nodeFeatures, edgeFeatures,
                hyperParameters, normalizer, file, sha256, metrics);
    }
}

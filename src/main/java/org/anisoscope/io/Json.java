package org.anisoscope.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON files (Jackson), written atomically. NaN and infinities are written as null. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    /**
     * Typed files: records whose components are the fields, named in snake_case (cl_sub_err for
     * clSubErr); fields a reader does not know are passed over (a later minor addition).
     */
    private static final ObjectMapper TYPED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes maps, lists and arrays as they are, and a record as its typed layout ({@link #TYPED}); non-finite numbers (JSON has none) as null. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes;
        try {
            // a map's keys are written as they are; the naming applies to a record's components only
            bytes = MAPPER.writeValueAsBytes(nonFiniteAsNull((value instanceof Record ? TYPED : MAPPER).valueToTree(value)));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    public static JsonNode read(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException(file + ": no such readable file");
        // a pipe or a device would block the reader
        if (!Files.isRegularFile(file)) throw new IOException(file + " is not a regular file (a pipe or a device?); give a JSON file");
        try {
            JsonNode n = MAPPER.readTree(file.toFile());
            if (n == null || n.isMissingNode()) throw new IOException(file + ": empty, not JSON");
            return n;
        } catch (JsonProcessingException e) {
            // Jackson's own message names its feature flags: the place in the file is what a user can act on
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String where = at == null ? "" : String.format(java.util.Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().contains("NaN") ? " (NaN is not a JSON number)"
                    : e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input") ? " (it ends early)" : "";
            throw new IOException(file + ": not valid JSON" + where + what);
        }
    }

    /**
     * A parsed file as the record type that lays it out ({@link #TYPED}); null numbers in arrays (a
     * non-finite value, as written) read as NaN; a field of the wrong type is refused naming it.
     */
    public static <T> T typed(JsonNode root, Class<T> type, Path file) throws IOException {
        try {
            return TYPED.treeToValue(nullAsNaN(root.deepCopy()), type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String at = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("?");
            throw new IOException(file + ": malformed: " + at + " is not what a run's file holds there (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": malformed (" + e.getOriginalMessage() + ")");
        }
    }

    private static JsonNode nonFiniteAsNull(JsonNode n) {
        if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.fields().forEachRemaining(e -> e.setValue(nonFiniteAsNull(e.getValue())));
        } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) a.set(i, nonFiniteAsNull(a.get(i)));
        } else if (n.isNumber() && (n.isDouble() || n.isFloat()) && !Double.isFinite(n.asDouble())) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return n;
    }

    private static JsonNode nullAsNaN(JsonNode n) {
        if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) e.setValue(nullAsNaN(e.getValue()));
            });
        } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) a.set(i, a.get(i).isNull() ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.NaN) : nullAsNaN(a.get(i)));
        }
        return n;
    }

    /** Node's number field name, or a one-line reason naming the file and the field. */
    public static double number(JsonNode node, Path file, String name) throws IOException {
        JsonNode n = node.path(name);
        if (!n.isNumber()) throw new IOException(file + ": malformed: missing number " + name);
        return n.asDouble();
    }

    /** An array of numbers (nulls, i.e. non-finite values as written, read as NaN), or a one-line reason. */
    public static double[] row(JsonNode a, Path file, String what) throws IOException {
        if (a == null || !a.isArray()) throw new IOException(file + ": malformed: " + what + " must be an array");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).isNumber() ? a.get(i).asDouble() : Double.NaN;
        return v;
    }

    /** An array of rows rows of numbers, or a one-line reason (each row named by what a row is). */
    public static double[][] matrix(JsonNode a, Path file, String what, int rows, String rowName) throws IOException {
        if (a == null || !a.isArray() || a.size() != rows) {
            throw new IOException(file + ": malformed: " + what + " needs " + rows + " rows (one per " + rowName + ")");
        }
        double[][] m = new double[rows][];
        for (int i = 0; i < rows; i++) m[i] = row(a.get(i), file, what);
        return m;
    }

}

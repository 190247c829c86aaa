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

    public static void write(Path file, Object value) throws IOException {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(sanitise(value));
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write " + file + ": " + e.getOriginalMessage(), e);
        }
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    public static JsonNode read(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException(file + ": no such readable file");
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Replaces non-finite doubles (JSON has none) by null, recursively through maps, lists and arrays. */
    static Object sanitise(Object v) {
        if (v instanceof Double d) return Double.isFinite(d) ? d : null;
        if (v instanceof double[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) o[i] = Double.isFinite(a[i]) ? a[i] : null;
            return o;
        }
        if (v instanceof Object[] a) {
            Object[] o = new Object[a.length];
            for (int i = 0; i < a.length; i++) o[i] = sanitise(a[i]);
            return o;
        }
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.LinkedHashMap<Object, Object> o = new java.util.LinkedHashMap<>();
            for (var e : m.entrySet()) o.put(e.getKey(), sanitise(e.getValue()));
            return o;
        }
        if (v instanceof java.util.List<?> l) {
            java.util.List<Object> o = new java.util.ArrayList<>();
            for (Object x : l) o.add(sanitise(x));
            return o;
        }
        return v;
    }
}

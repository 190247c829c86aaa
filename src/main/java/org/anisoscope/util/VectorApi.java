package org.anisoscope.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JDK's Vector API ({@code jdk.incubator.vector}, an incubator module: present only where the
 * JVM was started with {@code --add-modules jdk.incubator.vector}). The CPU engine's and the
 * transforms' SIMD paths are loaded through here, by name, so that the classes that use them load
 * without the module; {@code -Danisoscope.scalar=true} keeps the scalar paths with the module present.
 */
public final class VectorApi {
    public static final String MODULE = "jdk.incubator.vector";

    private VectorApi() {}

    /** Whether SIMD paths may be loaded: the module is present and the scalar paths were not asked for. */
    public static boolean usable() {
        return !Boolean.getBoolean("anisoscope.scalar") && ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * A new instance of the caller's class className (no-argument constructor) as type, or null where
     * the API is not usable or the class cannot be loaded or made.
     */
    public static <T> T load(MethodHandles.Lookup caller, String className, Class<T> type) {
        if (!usable()) return null;
        try {
            Class<?> c = caller.findClass(className);
            return type.cast(caller.findConstructor(c, MethodType.methodType(void.class)).invoke());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        } catch (Throwable e) {
            throw new IllegalStateException("could not make " + className, e);
        }
    }

    /** A path in words, for --version, bench and the engine lines: lanes of a SIMD path, or 0 for a scalar one. */
    public static String path(int lanes) {
        return lanes > 0 ? "SIMD, " + lanes + " lanes of 64 bits" : "scalar; start Java with --add-modules " + MODULE + " for SIMD";
    }
}

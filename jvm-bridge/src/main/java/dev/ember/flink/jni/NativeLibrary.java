package dev.ember.flink.jni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads {@code libember_jni.so}, shipped inside the Ember jar for linux-x86_64, once per class loader.
 *
 * <p>The library is copied to a fresh temporary file before {@link System#load}: a JVM may hold the Ember classes
 * in two class loaders (the planner's component loader in the client, the app loader for runtime classes), and
 * JNI refuses to bind one library file to two loaders. The system property {@code ember.native.library} points
 * to a library file to load instead (development builds; it is copied the same way).
 */
public final class NativeLibrary {

    /** Resource path of the library inside the jar. */
    public static final String RESOURCE = "/native/linux-x86_64/libember_jni.so";

    /** System property naming a library file that replaces the bundled one. */
    public static final String PATH_PROPERTY = "ember.native.library";

    private static boolean loaded;
    private static Throwable failure;

    private NativeLibrary() {}

    /**
     * Loads the library if needed. Throws {@link UnsatisfiedLinkError} with the reason if it cannot load; the
     * first failure is remembered and rethrown, so a broken installation fails fast and identically everywhere.
     */
    public static synchronized void ensureLoaded() {
        if (loaded) {
            return;
        }
        if (failure == null) {
            try {
                load();
                NativeBridge.nativeVersion(); // proves the symbols bind
                loaded = true;
                return;
            } catch (Throwable t) {
                failure = t;
            }
        }
        UnsatisfiedLinkError error = new UnsatisfiedLinkError("Ember native library unavailable: " + failure);
        error.initCause(failure);
        throw error;
    }

    private static void load() throws IOException {
        String override = System.getProperty(PATH_PROPERTY);
        if (override != null && !override.isEmpty()) {
            try (InputStream in = Files.newInputStream(Path.of(override))) {
                loadCopy(in);
            }
            return;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsatisfiedLinkError("no Ember native library for " + os + "/" + arch + " (linux-x86_64 only)");
        }
        try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("resource " + RESOURCE + " is missing from the Ember jar");
            }
            loadCopy(in);
        }
    }

    /** Loads a private copy: see the class comment for why the same file cannot serve two class loaders. */
    private static void loadCopy(InputStream library) throws IOException {
        Path file = Files.createTempFile("libember_jni-", ".so");
        file.toFile().deleteOnExit();
        Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
        System.load(file.toString());
    }
}

package io.wayfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConvNetCommandTest {
    @Test
    void anotherNd4jBuildReplacesOnlyThePlatformJar(@TempDir Path dir) throws Exception {
        Path variant = Files.createFile(dir.resolve("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar"));
        String cp = String.join(File.pathSeparator, "a.jar", "lib/nd4j-native-1.0.0-M2.1.jar",
                "lib/nd4j-native-1.0.0-M2.1-linux-x86_64.jar", "b.jar");
        assertEquals(String.join(File.pathSeparator, "a.jar", "lib/nd4j-native-1.0.0-M2.1.jar", "b.jar",
                variant.toString()), BenchConvNetCommand.classPath(cp, variant));
        assertEquals(cp, BenchConvNetCommand.classPath(cp, null));
        assertThrows(IllegalArgumentException.class, () -> BenchConvNetCommand.classPath(cp, dir.resolve("x.jar")));
    }
}

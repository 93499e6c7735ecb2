package io.wayfinder.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings persist between sessions in the XDG place; a damaged file never stops the workbench. */
class UserSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theFileFollowsXdgConfigHome() {
        assertThat(UserSettings.defaultFile(Map.of("XDG_CONFIG_HOME", dir.toString())))
                .isEqualTo(dir.resolve("wayfinder/settings.json"));
        assertThat(UserSettings.defaultFile(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "wayfinder", "settings.json"));
        assertThat(UserSettings.defaultFile(Map.of("XDG_CONFIG_HOME", "relative/ignored")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "wayfinder", "settings.json"));
    }

    @Test
    void everySettingSurvivesASaveAndALoad() {
        Path file = dir.resolve("wayfinder/settings.json");
        UserSettings s = UserSettings.load(file);
        assertThat(s.workers()).isZero();
        assertThat(s.window()).isEqualTo(UserSettings.Window.DEFAULT);
        s.dataDirectory(dir.resolve("data"));
        s.store(dir.resolve("a.db"));
        s.store(dir.resolve("b.db"));
        s.store(dir.resolve("a.db"));
        s.workers(3);
        s.window(new UserSettings.Window(10, 20, 1200, 700, true, 0.3));
        s.addRecentProject(dir.resolve("p.json"));
        assertThat(s.save()).isTrue();

        UserSettings t = UserSettings.load(file);
        assertThat(t.dataDirectory()).isEqualTo(dir.resolve("data"));
        assertThat(t.store()).isEqualTo(dir.resolve("a.db").toString());
        assertThat(t.recentStores()).containsExactly(dir.resolve("a.db").toString(), dir.resolve("b.db").toString());
        assertThat(t.workers()).isEqualTo(3);
        assertThat(t.backend()).isEqualTo("cpu");
        assertThat(t.window()).isEqualTo(new UserSettings.Window(10, 20, 1200, 700, true, 0.3));
        assertThat(t.recentProjects()).containsExactly(dir.resolve("p.json"));
        assertThatThrownBy(() -> t.workers(-1)).hasMessageContaining("between 0 and 256");
    }

    @Test
    void aDatabaseStoreIsRememberedWithoutItsPassword() throws Exception {
        Path file = dir.resolve("settings.json");
        UserSettings s = UserSettings.load(file);
        s.store("postgresql://alice:s3cret@db.lab:5433/runs?sslmode=require&password=other");
        s.store(dir.resolve("a.db"));
        s.store("jdbc:postgresql://db.lab/runs?password=s3cret&user=alice");
        assertThat(s.store()).isEqualTo("jdbc:postgresql://db.lab/runs?user=alice");
        assertThat(s.save()).isTrue();
        String written = Files.readString(file);
        assertThat(written).doesNotContain("s3cret").doesNotContain("other")
                .contains("postgresql://alice@db.lab:5433/runs?sslmode=require");
        UserSettings t = UserSettings.load(file);
        assertThat(t.recentStores()).containsExactly("jdbc:postgresql://db.lab/runs?user=alice",
                dir.resolve("a.db").toString(), "postgresql://alice@db.lab:5433/runs?sslmode=require");

        // a password written into the file by hand is dropped when it is read
        Files.writeString(file, "{\"store\": \"postgresql://bob:pw@h/db\", \"recentStores\": [\"postgres://bob:pw@h/db\"]}");
        UserSettings u = UserSettings.load(file);
        assertThat(u.store()).isEqualTo("postgresql://bob@h/db");
        assertThat(u.recentStores()).containsExactly("postgres://bob@h/db");
    }

    @Test
    void aDamagedFileGivesTheDefaults() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"workers\": 4, \"window\": ");
        UserSettings s = UserSettings.load(file);
        assertThat(s.workers()).isZero();
        assertThat(s.window()).isEqualTo(UserSettings.Window.DEFAULT);
        assertThat(s.save()).isTrue();
        assertThat(UserSettings.load(file).workers()).isZero();
    }
}

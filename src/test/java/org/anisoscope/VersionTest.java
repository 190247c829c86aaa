package org.anisoscope;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VersionTest {
    @Test
    void theVersionNamesTheCommitWhereTheBuildKnewIt() {
        assertEquals("0.1.0+1a2b3c4d5e", Version.of("0.1.0", "1a2b3c4d5e", "false"));
        assertEquals("0.1.0+1a2b3c4d5e.dirty", Version.of("0.1.0", "1a2b3c4d5e", "true"));
        assertEquals("0.1.0", Version.of("0.1.0", "${git.commit.id.abbrev}", "${git.dirty}"), "a build outside git");
        assertEquals("0.1.0", Version.of("0.1.0", "", ""));
        // this build's: the project version, then the commit when it was built in a git checkout
        assertTrue(Version.get().matches("\\d+\\.\\d+\\.\\d+(\\+[0-9a-f]{7,40}(\\.dirty)?)?"), Version.get());
    }
}

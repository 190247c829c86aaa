package org.anisoscope.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClCsvTest {
    @TempDir Path dir;

    @Test
    void anObservedSpectrumFromLEqualsOneInAnyOrderReadsBack() throws IOException {
        // as an observer's table: starts at l = 1, one row out of order, a missing error, comments
        Path f = dir.resolve("obs.csv");
        Files.writeString(f, "# IceCube-like, made up for the test\nl,C_l,sigma_l\n1,2.0e-7,1e-8\n3,4.0e-9,5e-10\n2,1.0e-8,\n4,2.5e-9,4e-10\n");
        ClCsv.Spectrum s = ClCsv.readWithErrors(f);
        assertEquals(5, s.cl().length);
        assertTrue(Double.isNaN(s.cl()[0]) && Double.isNaN(s.sigma()[0]), "l = 0 is absent");
        assertArrayEquals(new double[] {2.0e-7, 1.0e-8, 4.0e-9, 2.5e-9}, java.util.Arrays.copyOfRange(s.cl(), 1, 5), 0);
        assertTrue(Double.isNaN(s.sigma()[2]), "an empty error is NaN");
        assertEquals(4e-10, s.sigma()[4], 0);
    }

    @Test
    void namedColumnsArePreferred() throws IOException {
        Path f = dir.resolve("gui.csv");
        Files.writeString(f, "# anisoscope\nl,cl_num,noise,cl_sub,cl_sub_err,cl_mat\n0,1,2,3,4,5\n1,6,7,8,9,10\n");
        ClCsv.Spectrum s = ClCsv.readWithErrors(f);
        assertArrayEquals(new double[] {3, 8}, s.cl(), 0);
        assertArrayEquals(new double[] {4, 9}, s.sigma(), 0);
    }

    @Test
    void damagedFilesSayWhatIsWrong() throws IOException {
        String[][] cases = {
                {"", "empty"},
                {"l,C_l\n1,2\n", "header"},
                {"x,C_l,s\n1,2,3\n", "header"},
                {"l,C_l,s\n", "no multipoles"},
                {"l,C_l,s\n1,2,3\n1,4,5\n", "twice"},
                {"l,C_l,s\n-1,2,3\n", "outside"},
                {"l,C_l,s\n1,two,3\n", "is not"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("bad.csv");
            Files.writeString(f, c[0]);
            IOException e = assertThrows(IOException.class, () -> ClCsv.readWithErrors(f), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        assertThrows(IOException.class, () -> ClCsv.readWithErrors(dir.resolve("missing.csv")));
    }
}

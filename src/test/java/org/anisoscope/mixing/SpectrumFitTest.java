package org.anisoscope.mixing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SpectrumFitTest {
    /** The chi2's probability to exceed against known values: the median of chi2_2 is 2 ln 2, chi2_47 = 367 is ~1e-50. */
    @Test
    void chi2ProbabilityToExceed() {
        assertEquals(0.5, SpectrumFit.chi2Probability(2 * Math.log(2), 2), 1e-12); // chi2_2 is exponential: P(>x) = exp(-x/2)
        assertEquals(Math.exp(-5), SpectrumFit.chi2Probability(10, 2), 1e-15);
        assertEquals(0.472562, SpectrumFit.chi2Probability(47, 47), 1e-5); // a fit as good as it should be (Simpson on the density: 0.4725623)
        double bad = SpectrumFit.chi2Probability(367, 47);
        assertTrue(bad > 0 && bad < 1e-40, "chi2 367 for 47: " + bad);
        assertTrue(Double.isNaN(SpectrumFit.chi2Probability(3, 0)));
    }
}

package org.anisoscope.physics;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

class QltTest {
    /** The closed form K_zz equals (1/8) ∫ (1 - mu^2)^2 / D_mumu dmu done by quadrature. */
    @Test
    void kzzClosedFormMatchesQuadrature() {
        for (double[] c : new double[][] {{8.9e-3, 0.5}, {8.9e-2, 0.5}, {8.9e-3, 0.05}}) {
            double rho = c[0], eta = c[1];
            // substitute mu = s^3 to remove the |mu|^(-2/3) end-point singularity
            var q = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
            double half = q.integrate(100000, s -> {
                double mu = s * s * s;
                return (1 - mu * mu) * (1 - mu * mu) / Qlt.dmumu(mu, rho, eta) * 3 * s * s;
            }, 0, 1);
            assertEquals(2 * half / 8, Qlt.kzz(rho, eta), 1e-8 * Qlt.kzz(rho, eta));
        }
    }

    @Test
    void gapFractionIsThePartOfTheIntegralBelowTheLastResonance() {
        double eta = 0.5, lmin = 150, rho = 8.9e-3;
        double muGap = Qlt.muGap(eta, lmin);
        assertEquals(Math.sqrt(0.5) / (2 * Math.PI * 150), muGap, 1e-15);
        var q = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        // mu = s^3 again
        double below = q.integrate(100000, s -> {
            double mu = s * s * s;
            return (1 - mu * mu) * (1 - mu * mu) / Qlt.dmumu(mu, rho, eta) * 3 * s * s;
        }, 0, Math.cbrt(muGap));
        assertEquals(2 * below / 8 / Qlt.kzz(rho, eta), Qlt.gapFraction(eta, lmin), 1e-8);
        assertEquals(0.106, Qlt.gapFraction(eta, lmin), 0.002);
    }

    @Test
    void unitsOfTheDefaultCase() {
        double rho = SimulationParameters.rhoOf(1e15, 4, 150);
        assertEquals(9.0e-3, rho, 0.05e-3); // docs/physics.md: 1 PV, 4 uG, 30 pc give rho ≈ 9.0e-3
        assertEquals(1e15, new SimulationParameters(rho, 0.5, 4, 150, 16, 1, 1, 150, 0.05, new double[] {1})
                .rigidityVolts(), 1e6);
        assertEquals(1e13, Units.parseRigidity("10TV"), 1);
        assertThrows(IllegalArgumentException.class, () -> Units.parseRigidity("-1PV"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseRigidity("1 parsec"));
    }

    @Test
    void validationNamesTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationParameters(0.01, 1.5, 4, 150, 16, 1, 1, 150, 0.05, new double[] {1}));
        assertTrue(e.getMessage().startsWith("eta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationParameters(0.01, 0.5, 4, 150, 12, 1, 1, 150, 0.05, new double[] {1}));
        assertTrue(e.getMessage().startsWith("nside"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationParameters(0.01, 0.5, 4, 150, 16, 1, 1, 150, 2.0, new double[] {1}));
        assertTrue(e.getMessage().startsWith("dt"), e.getMessage());
    }
}

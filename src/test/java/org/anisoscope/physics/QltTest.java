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

    /** The general-q closed forms against (1/8) ∫ (1 - mu^2)^2 / D_mumu dmu by quadrature, at Kraichnan's 3/2 and the range's ends. */
    @Test
    void kzzForOtherSpectralIndicesMatchesQuadrature() {
        for (double q : new double[] {1.3, 1.5, 1.8}) {
            for (double[] c : new double[][] {{8.9e-3, 0.5}, {8.9e-2, 0.2}}) {
                double rho = c[0], eta = c[1];
                // mu = s^m with m = 1/(2-q): (1-mu^2)^2/D ∝ mu^(1-q), times dmu = m s^(m-1) ds, is smooth in s
                double m = 1 / (2 - q);
                var quad = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
                double half = quad.integrate(100000, s -> {
                    double mu = Math.pow(s, m);
                    return (1 - mu * mu) * (1 - mu * mu) / Qlt.dmumu(mu, rho, eta, q) * m * Math.pow(s, m - 1);
                }, 0, 1);
                double kzz = Qlt.kzz(rho, eta, q);
                assertEquals(2 * half / 8, kzz, 1e-8 * kzz, "q = " + q);
                assertEquals(3 * kzz, Qlt.tauS(rho, eta, q), 1e-12 * kzz);
                double lmin = 150, g = Qlt.muGap(eta, lmin);
                double below = quad.integrate(100000, s -> {
                    double mu = Math.pow(s, m);
                    return (1 - mu * mu) * (1 - mu * mu) / Qlt.dmumu(mu, rho, eta, q) * m * Math.pow(s, m - 1);
                }, 0, Math.pow(g, 1 / m));
                assertEquals(below / half, Qlt.gapFraction(eta, lmin, q), 1e-8, "gap fraction, q = " + q);
            }
        }
        // a flatter spectrum puts more power at the resonant scales of low |mu|: it scatters more, K_zz is smaller
        assertTrue(Qlt.kzz(8.9e-3, 0.5, 1.5) < Qlt.kzz(8.9e-3, 0.5));
    }

    @Test
    void atFiveThirdsTheGeneralMethodsAreThePapersBitForBitAndTheFormulaIsContinuous() {
        double rho = 8.9e-3, eta = 0.5, q = Qlt.KOLMOGOROV;
        assertEquals(Qlt.kzz(rho, eta), Qlt.kzz(rho, eta, q), 0);
        assertEquals(Qlt.tauS(rho, eta), Qlt.tauS(rho, eta, q), 0);
        assertEquals(Qlt.dmumu(0.3, rho, eta), Qlt.dmumu(0.3, rho, eta, q), 0);
        assertEquals(Qlt.gapFraction(eta, 150), Qlt.gapFraction(eta, 150, q), 0);
        // the general formula beside 5/3 approaches the constants' values
        for (double dq : new double[] {-1e-9, 1e-9}) {
            assertEquals(Qlt.kzz(rho, eta), Qlt.kzz(rho, eta, q + dq), 1e-7 * Qlt.kzz(rho, eta));
            assertEquals(Qlt.gapFraction(eta, 150), Qlt.gapFraction(eta, 150, q + dq), 1e-7);
        }
    }

    @Test
    void spectralIndicesOutsideTheRangeAreRefusedByValue() {
        assertNull(Qlt.spectralIndexProblem(1.5));
        assertNull(Qlt.spectralIndexProblem(5.0 / 3.0));
        String why = Qlt.spectralIndexProblem(2.0);
        assertTrue(why.contains("2.0") && why.contains("1.3..1.8"), why);
        assertTrue(Qlt.spectralIndexProblem(Double.NaN).contains("not a number"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Qlt.kzz(0.01, 0.5, 1.1));
        assertTrue(e.getMessage().contains("1.1"), e.getMessage());
    }
}

package org.anisoscope.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void rigiditiesAreWrittenAsPeopleWriteThemAndReadBack() {
        assertEquals("1 PV", Units.formatRigidity(1e15));
        assertEquals("10 TV", Units.formatRigidity(1e13));
        assertEquals("316 TV", Units.formatRigidity(3.16e14));
        assertEquals("1 PV", Units.formatRigidity(0.99999e15));
        assertEquals("2.5 EV", Units.formatRigidity(2.5e18));
        assertEquals("0.5 GV", Units.formatRigidity(5e8));
        for (double v : new double[] {1e12, 3.16e14, 1e15, 1e16, 7.5e17}) {
            assertEquals(v, Units.parseRigidity(Units.formatRigidity(v).replace(" ", "")), v * 1e-12);
        }
    }
}

package org.anisoscope.run;

import static org.junit.jupiter.api.Assertions.*;

import org.anisoscope.tracking.CudaBacktracker;
import org.junit.jupiter.api.Test;

class EnginesTest {
    static boolean gpu() {
        try {
            CudaBacktracker.open();
            return true;
        } catch (CudaBacktracker.Unavailable e) {
            return false;
        }
    }

    @Test
    void autoTakesCudaWhereFoundElseTheCpuWithANotice() {
        Engines.Choice c = Engines.choose("auto", 2);
        if (gpu()) {
            assertEquals("cuda", c.engine().name());
        } else {
            assertEquals("cpu", c.engine().name());
            assertTrue(c.notice().startsWith("engine: CPU (2 threads, " + org.anisoscope.tracking.Lockstep.path() + "); CUDA not available: "), c.notice());
            assertFalse(c.notice().contains("\n"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Engines.choose("cuda", 2));
            assertTrue(e.getMessage().startsWith("engine cuda: ") && e.getMessage().contains("cpu"), e.getMessage());
        }
        assertEquals("cpu", Engines.choose("cpu", 1).engine().name());
        assertNull(Engines.choose("CPU", 1).notice());
        assertThrows(IllegalArgumentException.class, () -> Engines.choose("quantum", 1));
        assertTrue(Engines.found(2).startsWith("found: CPU (2 threads, " + org.anisoscope.tracking.Lockstep.path() + ")"), Engines.found(2));
    }
}

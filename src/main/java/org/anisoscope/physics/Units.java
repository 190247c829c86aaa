package org.anisoscope.physics;

/** Physical constants and unit conversions (SI inside, field units at the edges). */
public final class Units {
    public static final double C = 299_792_458.0;          // m/s
    public static final double PARSEC = 3.0856775814913673e16; // m
    public static final double YEAR = 365.25 * 86400.0;     // s (Julian year)
    public static final double MICROGAUSS = 1e-10;          // T

    private Units() {}

    /** Gyroradius in metres of rigidity R (volts) in field B (tesla): r_g = R / (c B). */
    public static double gyroradius(double rigidityVolts, double bTesla) {
        return rigidityVolts / (C * bTesla);
    }

    /** Parses a rigidity such as "1PV", "10 TV", "3.5EV", "2e15V" into volts. */
    public static double parseRigidity(String text) {
        // "eV" with a small e is an energy (1 PeV), or an exavolt mistyped: never guessed, always asked
        java.util.regex.Matcher ev = java.util.regex.Pattern.compile("^\\s*([0-9.eE+-]*?)\\s*([kMGTPE]?)eV\\s*$").matcher(text);
        if (ev.matches()) {
            String prefix = ev.group(2).isEmpty() ? "" : ev.group(2);
            throw new IllegalArgumentException("rigidity '" + text + "': " + prefix + "eV is an energy; give a rigidity in volts, GV, TV, PV or EV "
                    + "(exavolts, capital E)" + (prefix.isEmpty() ? "" : "; a proton of " + ev.group(1) + " " + prefix + "eV has about "
                    + ev.group(1) + prefix + "V"));
        }
        String t = text.trim().toUpperCase().replace(" ", "");
        double mult;
        String num;
        if (t.endsWith("EV")) { mult = 1e18; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("PV")) { mult = 1e15; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("TV")) { mult = 1e12; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("GV")) { mult = 1e9; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("V")) { mult = 1; num = t.substring(0, t.length() - 1); }
        else throw new IllegalArgumentException("rigidity '" + text + "' needs a unit: GV, TV, PV or EV (e.g. 1PV)");
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rigidity '" + text + "' is not a number with a unit (e.g. 1PV, 10TV)");
        }
        if (!Double.isFinite(v)) throw new IllegalArgumentException("rigidity '" + text + "' is not a finite number");
        if (!(v > 0)) throw new IllegalArgumentException("rigidity must be positive (got " + text + ")");
        return v * mult;
    }

    /** A rigidity in volts as a person writes it: "1 PV", "10 TV", "3.16 PV" (3 significant digits, the largest unit ≥ 1). */
    public static String formatRigidity(double volts) {
        String[] unit = {"EV", "PV", "TV", "GV"};
        double[] mult = {1e18, 1e15, 1e12, 1e9};
        for (int i = 0; i < unit.length; i++) {
            // 0.9995 PV rounds to "1 PV" at 3 digits, so it belongs to PV, not TV
            if (volts >= 0.9995 * mult[i] || i == unit.length - 1) {
                return new java.math.BigDecimal(volts / mult[i]).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString()
                        + " " + unit[i];
            }
        }
        throw new AssertionError();
    }
}

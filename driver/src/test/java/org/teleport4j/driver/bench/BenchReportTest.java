package org.teleport4j.driver.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchReportTest {
    @Test
    void everyRowReachesTheMarkdownAndTheCsvWithItsTargetVerdict() {
        BenchReport r = new BenchReport();
        r.value("a", "single machine", 1234.5, "samples/s", "2000 images");
        r.ratio("a", "local[2] / single machine", 0.5, 0.7, true, "");
        r.ratio("d", "HVP / gradient", 1.7, 2.5, false, "a | pipe");
        r.ratio("e", "parallel / sequential", 1.4, "");
        r.note("profile: count jobs 0 s");
        assertEquals("no", r.rows().get(1).met());
        assertEquals("yes", r.rows().get(2).met());
        assertEquals("", r.rows().get(3).met());

        String md = r.toMarkdown("deploy/teleport4j bench", new MachineInfo(2, "cpu", "fma avx2 sse4_2 pni", "jvm", "CpuBackend", "OPENBLAS", "t"),
                1.0, 2.0, 60);
        for (BenchReport.Row row : r.rows()) assertTrue(md.contains("| " + row.section() + " | " + row.metric() + " |"), row.metric());
        assertTrue(md.contains("**0.500**") && md.contains(">= 0.700"), md);
        assertTrue(md.contains("a / pipe"), "cell text must not break the table");
        assertTrue(md.contains("SIMD flags: fma avx2 sse4_2"), md);
        assertTrue(md.contains("- profile: count jobs 0 s"));

        String[] csv = r.toCsv().split("\n");
        assertEquals(1 + r.rows().size(), csv.length);
        assertEquals("section,metric,value,unit,ratio,target,met,note", csv[0]);
        assertTrue(csv[2].startsWith("a,local[2] / single machine,0.5,ratio,true,>= 0.700,no"), csv[2]);
    }
}

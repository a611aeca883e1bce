package io.rollwright.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportTest {
  @TempDir Path dir;

  @Test
  void aReportBecomesAPdfWithItsTextAndItsSvgChart() throws Exception {
    Path pdf = dir.resolve("report.pdf");
    PdfReport.write(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>r</title></head><body>
        <h1>Release report: shop@prod</h1>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">
        <path d="M0 50 L50 25 L100 0" fill="none" stroke="#1f6feb"/><text x="5" y="45">canary-25</text>
        </svg><p>PROMOTED by bob</p></body></html>
        """,
        pdf);
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("Release report: shop@prod"), text);
      assertTrue(text.contains("PROMOTED by bob"), text);
    }
  }
}

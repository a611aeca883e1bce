package io.rollwright.cli;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A report's XHTML as a PDF file, its SVG charts drawn as vectors. */
final class PdfReport {
  private PdfReport() {}

  /** Renders {@code xhtml} (well-formed, self-contained) to {@code to}. */
  static void write(String xhtml, Path to) throws IOException {
    try (OutputStream out = Files.newOutputStream(to)) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.useSVGDrawer(new BatikSVGDrawer());
      builder.withHtmlContent(xhtml, null);
      builder.toStream(out);
      builder.run();
    }
  }
}

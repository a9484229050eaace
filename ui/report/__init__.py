"""The agreement report and its charts, written without Qt (HTML, PNG and SVG files)."""

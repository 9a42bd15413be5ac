"""Writing a report out for publishing and printing: the PDF now, Word and HTML later."""

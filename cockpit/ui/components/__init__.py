"""Small component factories shared by the pages: cards, chips, sparklines, tables, pickers."""

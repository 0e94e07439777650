"""Views of the board, called by NeedsBoardPage's routes with the page as second argument."""

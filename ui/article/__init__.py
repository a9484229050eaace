"""The article: the view that shows and highlights the text, its gestures and painting."""

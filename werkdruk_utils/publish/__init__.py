"""Publishing: executing the notebooks per measurement year, year comparisons, the index, the
output check, the data summary and the build benchmark."""

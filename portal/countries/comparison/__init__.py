"""The comparison page: two to four countries (or countries and a region) side by side, year by
year and indicator by indicator, with their tier charts, shareable by its address
(/countries/compare/?c=la&c=th&region=east-asia-pacific) and downloadable as CSV and JSON.

A region's column adds up what its countries reported: counts are summed over the countries
that gave a figure for the year (and say how many did), tiers are counted per tier. Every
figure behind a column keeps its note."""

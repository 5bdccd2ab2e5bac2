"""The coordinator's overview: across gesprekken, how often each element and criterion came up, and how.

Everything is counted in the database from rows kept up to date where the data changes (`stand`, and their sums
in `totalen`): however many gesprekken there are, the page asks the same number of questions, and nothing is
cached. What counts as what
(also explained on the page, `overzicht.html`):

- Only gesprekken that were held count: status *gevoerd*, *concept*, *ter verificatie* or *vastgesteld*. A
  gesprek in voorbereiding has an agenda but no conversation yet, and would otherwise count as "niet besproken"
  everywhere.
- A note (`Aantekening`) **counts as discussed** when it is marked sterk punt or ontwikkelpunt, or when it
  has no observation and holds text other than spaces and blank lines. A note marked *niet besproken*
  never counts as discussed, whatever its text says (it often says why).
- A **criterion** in one gesprek is *besproken* when its note counts as discussed; *sterk punt* or
  *ontwikkelpunt* when its note is marked so (both also count as besproken); *niet besproken* when its
  note is marked so, or when it was on the agenda and its note is empty. Anything else (off the agenda,
  no note) counts nowhere.
- An **element** in one gesprek is *besproken* when any of its notes (on a criterion or the free note)
  counts as discussed; *sterk punt* / *ontwikkelpunt* when any of its notes is marked so (one element can
  be both); *niet besproken* when it was on the agenda or one of its notes is marked niet besproken, and
  none of its notes counts as discussed.
- Each number is a number of gesprekken.

Rows are grouped by the bank element or criterion the gesprek copied (`bron`); the wording shown is the
gesprek's own copy. Where the bank row is gone, rows fall back to element name (and criterion label).

The modules:

- `maten`: the measures and their names;
- `stand`: these rules per element and criterion of each gesprek, kept in small rows (`OverzichtStand`) by the
  services in the transaction that changes a note's observation, its text between empty and not, the agenda, or
  the gesprek's status or details; typing on changes nothing there;
- `totalen`: those rows summed per quarter and filter values (`OverzichtTotaal`), counted again from the stand
  in the same transaction, for everyone's overview;
- `telling`: the gesprekken in view, the counts per element, per criterion and per quarter: everyone's from the
  totals (and the stand for a quarter the period holds in part), an inspector's from the stand of their own;
- `opmaak`: the cells, charts and rows over time as HTML, built in Python;
- `filters`: the filter form (period, inspectie, aanleiding, soort organisatie, kader);
- `cel`: the drill-down, the gesprekken and notes behind one number, from the same rows;
- `csv_export`: the tables as a CSV file;
- `views`: the page, the drill-down list and the CSV download.
"""

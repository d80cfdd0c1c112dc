"""The read side: folds of the log into per-council indexes, and answers at D, K and T.

logged, replay, timeline, timeline_page: plain events; the replay reference; a timeline; its last page.
decode, shape_checks: stored rows read into plain values fast, each checked before it is folded.
rows, tables, packed_dates: kept facts as sorted arrays; which facts keep rows; other facts' dates.
stream_index, amendments, earlier: a council stream's index; its corrections; its view at an earlier T.
benchmark_index, stream_ids: England's and the regions' figures; whose stream a stored row is.
read_model: every stream's index and the log position it includes (pure: no I/O).
lookups, last_event: ratings, caseloads and the national picture searched in the index; last events.
answers: what the facade's queries return, composed from the live read model.
latest_summary: a council's rating and latest caseload straight from its rows' values (councils).
inspection_rows, lanes, candidates: every inspection with its caseloads; compare's lanes; likely duplicates.
uncollected: the garbage collector held off while a long answer is made.
live_model, row_source, saved_model: the model kept up with the store; reading rows; saving the model.
split_rebuild: a rebuild from nothing folded in parts, a process a part, joined in log order.
"""

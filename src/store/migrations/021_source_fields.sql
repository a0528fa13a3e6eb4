-- Fields of an imported HSDS record that Loket does not use itself (an address's country and
-- state_province, a location's coordinates, ...), as a JSON object per record, so an export of an
-- imported kaart says what the source said. Existing records simply have none.
CREATE TABLE kaart_source_fields (
    kind   TEXT NOT NULL,
    id     TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT;

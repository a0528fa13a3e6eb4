-- The kaart beheer worklist counts per service how often it was given as advice; without this
-- index that count reads every advice row once per service.
CREATE INDEX intake_advice_by_service ON intake_advice(service_id);

-- The gesprekshulp's answers that changed an intake's route, and only those: the rest was
-- guidance during the conversation and is not kept (data minimisation). The question is stored
-- as it was asked, so a later change of the question sets does not change the record.
CREATE TABLE intake_answers (
    intake_id   INTEGER NOT NULL REFERENCES intakes(id),
    position    INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL CHECK (answer = 'ja'),
    tag         TEXT NOT NULL,
    PRIMARY KEY (intake_id, position)
) STRICT;

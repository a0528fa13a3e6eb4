//! The gesprekshulp's answers kept with an intake: only those that changed its route. Whatever
//! the caller passes, an answer that cannot have changed the route (untagged, or not "ja") is
//! never written.

use rusqlite::params;

use super::columns::corrupt;
use super::{Store, StoreError};
use crate::domain::gesprekshulp::{Answer, GivenAnswer, Tag};

impl Store {
    /// Replaces the answers of `intake_id` by the route-changing ones of `answers`.
    pub(super) fn write_answers(
        &self,
        intake_id: i64,
        answers: &[GivenAnswer],
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("DELETE FROM intake_answers WHERE intake_id = ?1")?
            .execute([intake_id])?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO intake_answers (intake_id, position, question_id, question, answer, tag)
             VALUES (?1, ?2, ?3, ?4, 'ja', ?5)",
        )?;
        let kept = answers.iter().filter(|a| a.is_route_relevant());
        for (position, answer) in kept.enumerate() {
            let tag = answer.tag.map_or("", Tag::name);
            insert.execute(params![
                intake_id,
                position as i64,
                answer.question_id,
                answer.question,
                tag
            ])?;
        }
        Ok(())
    }

    /// The answers kept with `intake_id`, in the order given.
    pub(super) fn answers_of(&self, intake_id: i64) -> Result<Vec<GivenAnswer>, StoreError> {
        let rows: Vec<(String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT question_id, question, tag FROM intake_answers
                 WHERE intake_id = ?1 ORDER BY position",
            )?
            .query_map([intake_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(question_id, question, tag)| {
                let tag = Tag::from_name(&tag)
                    .ok_or_else(|| corrupt("intake_answers", intake_id, format!("tag {tag:?}")))?;
                Ok(GivenAnswer {
                    question_id,
                    question,
                    answer: Answer::Ja,
                    tag: Some(tag),
                })
            })
            .collect()
    }
}

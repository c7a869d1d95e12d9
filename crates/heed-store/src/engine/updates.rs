//! Changes a person makes to an item: an update (a closing status may be a claim), a link
//! between two items, the verification of a claim.

use super::*;

impl SqlStore {
    pub(super) async fn record_update(&self, id: ItemId, u: UpdateRequest) -> Result<ItemRecord> {
        if let Some(d) = &u.deadline
            && d.reason.trim().is_empty()
        {
            return Err(StoreError::Invalid(
                "a deadline change needs a reason (it is kept as slippage history)".into(),
            ));
        }
        let nothing = u.status.is_none()
            && u.rag.is_none()
            && u.note.as_deref().is_none_or(|n| n.trim().is_empty())
            && u.deadline.is_none()
            && u.owner.is_none()
            && u.evidence.is_none();
        if nothing {
            return Err(StoreError::Invalid(
                "nothing to record: give a status, RAG, note, deadline, owner or evidence".into(),
            ));
        }
        let now = now();
        let on = u.on.unwrap_or(now.day);
        let mut tx = self.begin_write().await?;
        let mut counts = Deltas::default();
        // Check the version before storing any evidence, so a conflict writes nothing.
        let row = self.existing_item_row(&mut tx, id, true).await?;
        let actual = Version::from_raw(row.version);
        if let Some(exp) = u.expected_version
            && exp != actual
        {
            return Err(StoreError::Conflict {
                item: id,
                expected: exp,
                actual,
            });
        }
        let review = ReviewId::from_raw(row.review_id);
        let evidence = match &u.evidence {
            None => None,
            Some(f) => {
                let sha = sha256_hex(&f.bytes);
                let file_name = crate::model::evidence_name(&f.file_name);
                let (eid,): (i64,) = sqlx::query_as(
                    "INSERT INTO evidence (item_id, file_name, sha256, bytes, added_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(id.get())
                .bind(file_name.clone())
                .bind(sha.clone())
                .bind(f.bytes.as_slice())
                .bind(now.stamp.clone())
                .fetch_one(&mut *tx)
                .await
                .map_err(self.db())?;
                Some(EvidenceRef {
                    id: EvidenceId::from_raw(eid),
                    file_name,
                    sha256: sha,
                    size: f.bytes.len(),
                    public: f.public,
                })
            }
        };
        // A closing status from someone who may not verify is a claim; from anyone else it
        // is verified at once.
        let (status, claim, verified) = match u.status {
            Some(st) if st.is_closed() && u.claim_only => (None, Some(st), false),
            Some(st) if st.is_closed() => (Some(st), None, true),
            other => (other, None, false),
        };
        let change = ItemUpdate {
            status,
            status_words: None,
            rag: u.rag,
            rag_reason: None,
            position: None,
            position_words: None,
            owner: u.owner.clone(),
            deadline: u.deadline.as_ref().map(|d| d.deadline.clone()),
            deadline_reason: u.deadline.as_ref().map(|d| d.reason.clone()),
            actions: None,
            note: u.note.clone().filter(|n| !n.trim().is_empty()),
            evidence,
            claim,
            verified,
        };
        let event = NewEvent {
            undated: false,
            item: Some(id),
            review: Some(review),
            source: u.by.source(),
            on,
            change: Change::ItemUpdated(Box::new(change)),
            origin: u.origin.clone(),
        };
        self.append_to_item(
            &mut tx,
            id,
            vec![event],
            u.by.name(),
            &now,
            u.expected_version,
            &mut counts,
        )
        .await?;
        self.apply_counts(&mut tx, &counts).await?;
        self.commit(tx).await?;
        self.item(id, None).await
    }

    pub(super) async fn link_items(
        &self,
        from: ItemId,
        to: ItemId,
        kind: LinkKind,
        by: &Actor,
        origin: Option<&str>,
    ) -> Result<bool> {
        if from == to {
            return Err(StoreError::Invalid(format!(
                "item {from} cannot be linked to itself"
            )));
        }
        let now = now();
        let mut tx = self.begin_write().await?;
        let mut counts = Deltas::default();
        for id in [from, to] {
            self.existing_item_row(&mut tx, id, false).await?;
        }
        let done = sqlx::query(
            "INSERT INTO links (from_item, to_item, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(from.get())
        .bind(to.get())
        .bind(kind.as_str())
        .execute(&mut *tx)
        .await
        .map_err(self.db())?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for id in [from, to] {
            let event = NewEvent {
                undated: false,
                item: Some(id),
                review: None,
                source: by.source(),
                on: now.day,
                change: Change::Linked { kind, from, to },
                origin: origin.map(str::to_string),
            };
            self.append_to_item(&mut tx, id, vec![event], by.name(), &now, None, &mut counts)
                .await?;
        }
        self.apply_counts(&mut tx, &counts).await?;
        self.commit(tx).await?;
        Ok(true)
    }

    pub(super) async fn verify(&self, id: ItemId, v: VerifyRequest) -> Result<ItemRecord> {
        let note = v.note.clone().filter(|n| !n.trim().is_empty());
        if v.decision == heed_core::Decision::Reject && note.is_none() {
            return Err(StoreError::Invalid(
                "rejecting a claimed completion needs a reason (the owner reads it in the history)"
                    .into(),
            ));
        }
        let now = now();
        let on = v.on.unwrap_or(now.day);
        let mut tx = self.begin_write().await?;
        let mut counts = Deltas::default();
        let row = self.existing_item_row(&mut tx, id, true).await?;
        let current = self.record_of(row, None)?;
        if let Some(exp) = v.expected_version
            && exp != current.version
        {
            return Err(StoreError::Conflict {
                item: id,
                expected: exp,
                actual: current.version,
            });
        }
        let claimed = match &current.state.verification {
            Some(c) if c.state == heed_core::Verification::Awaiting => {
                // Separation of duties, for every front end alike: the one who claimed a
                // completion (in person or through one of their API tokens) may not decide it.
                if crate::model::person_of(&c.claimed_by).eq_ignore_ascii_case(v.by.person()) {
                    return Err(StoreError::NotAllowed(format!(
                        "item {id}: {} claimed this completion, so someone else must verify or reject it",
                        c.claimed_by
                    )));
                }
                c.claimed
            }
            _ => {
                return Err(StoreError::Invalid(format!(
                    "item {id} has no completion awaiting verification"
                )));
            }
        };
        let back_to = (v.decision == heed_core::Decision::Reject)
            .then(|| project::rejected_to(current.state.status));
        let event = NewEvent {
            undated: false,
            item: Some(id),
            review: Some(current.review),
            source: v.by.source(),
            on,
            change: Change::Verified {
                decision: v.decision,
                claimed,
                note,
                back_to,
            },
            origin: v.origin.clone(),
        };
        self.append_to_item(
            &mut tx,
            id,
            vec![event],
            v.by.name(),
            &now,
            v.expected_version,
            &mut counts,
        )
        .await?;
        self.apply_counts(&mut tx, &counts).await?;
        self.commit(tx).await?;
        self.item(id, None).await
    }
}

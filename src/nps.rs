//! Net Promoter Score from survey answers, overall and per segment.

//! Deterministic demo data: a fictional German coffee roastery with two years of orders.

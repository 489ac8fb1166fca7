//! Rule language for custom segments, modelled on Shopify's segment editor.

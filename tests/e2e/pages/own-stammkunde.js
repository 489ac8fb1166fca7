// A page that owns the name: Stammkunde must leave it alone.
window.Stammkunde = { shop: 'mine' };

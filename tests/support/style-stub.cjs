// Stylesheets are Vite's business; in jest they import as nothing.
module.exports = {};

// Jest stand-in for office-addin-manifest: office-addin-mock imports it only for manifest helpers the tests never call.
module.exports = {};

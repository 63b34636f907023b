import("./chunk-3b9d.js");

require("../plan/launch").install();

// berth: an ordinary Pulumi program. `pulumi up` runs it; `npm run plan` runs it under mocks.
import { program } from "./stacks/program";

export = program();

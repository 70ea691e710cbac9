import { run } from './main.js'

// The runner starts here; everything else, including error handling, lives in run().
void run()

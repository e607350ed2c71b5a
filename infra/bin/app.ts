import { App } from 'aws-cdk-lib';
import { addRapportStacks } from '../lib/rapport-app';

const app = new App();
addRapportStacks(app);
app.synth();

/** The peer baseline: `natural`'s naive Bayes classifier, trained and scored on the same splits. */
import natural from 'natural';
import type { TrainingExample } from '../model.ts';

export interface PeerResult {
  name: string;
  predictions: string[];
  trainSeconds: number;
  inferenceMsPerTicket: number;
}

/** natural builds a dense vocabulary-sized array per document, so long texts are cut to keep its training in seconds. */
const peerTextLimit = 2000;

export function runPeerBaseline(train: TrainingExample[], test: TrainingExample[]): PeerResult {
  const classifier = new natural.BayesClassifier();
  const started = performance.now();

  for (const example of train) {
    classifier.addDocument(example.text.slice(0, peerTextLimit), example.label);
  }
  classifier.train();

  const trained = performance.now();
  const predictions = test.map((example) => String(classifier.classify(example.text.slice(0, peerTextLimit))));

  return {
    name: 'natural.BayesClassifier',
    predictions,
    trainSeconds: (trained - started) / 1000,
    inferenceMsPerTicket: (performance.now() - trained) / Math.max(test.length, 1),
  };
}

/** The activity behind the revocation schedule (workflows/revocation-publish-workflow.ts). */
import type { RevocationPublishResult } from '../../../workflows/activities-api';
import type { RevocationPublisher } from './publish';

export function createRevocationActivities(publisher: RevocationPublisher | undefined) {
  return {
    async publishRevocationData(): Promise<RevocationPublishResult> {
      const published = publisher ? await publisher.publish() : [];
      return { generations: published.map(({ id, written }) => ({ id, written })) };
    },
  };
}

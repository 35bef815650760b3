import { describeGatewayContract } from './gateway.contract.ts';

describeGatewayContract('pglite');

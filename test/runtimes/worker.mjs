// The smoke program as a workerd module worker: POST the configuration as JSON, get the result as JSON.
import { smoke } from './smoke.mjs';

export default {
  async fetch(request) {
    return Response.json(await smoke(await request.json()));
  },
};

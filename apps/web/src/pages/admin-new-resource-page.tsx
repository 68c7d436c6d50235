import { useNavigate } from "react-router";
import { AdminOnly } from "../components/admin-only.js";
import { Card } from "../components/card.js";
import { PageHeading } from "../components/page-heading.js";
import { ResourceEditorForm } from "../components/resource-editor-form.js";
import { TextLink } from "../components/text-link.js";
import { WidePage } from "../components/wide-page.js";

/** Adding a resource; afterwards its edit page, where date overrides can be set. */
export function AdminNewResourcePage() {
  const navigate = useNavigate();
  return (
    <AdminOnly title="New resource">
      {() => (
        <WidePage>
          <title>New resource · Admin · Bookable</title>
          <p className="mb-3 text-sm">
            <TextLink to="/admin/resources">← All resources</TextLink>
          </p>
          <PageHeading title="New resource" description="Something people can book: a room, a desk, an hour of someone's time." />
          <Card>
            <ResourceEditorForm
              onSaved={(resource) => void navigate(`/admin/resources/${resource.id}/edit`, { state: { created: true } })}
            />
          </Card>
        </WidePage>
      )}
    </AdminOnly>
  );
}
